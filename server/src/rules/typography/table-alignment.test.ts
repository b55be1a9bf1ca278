// typography/table-alignment: fixture cases (input → after fix-all with this rule alone).
import { typographyCases } from '../../testing/typography-cases';

typographyCases('typography/table-alignment', [
  {
    in: '| 型号   | 显存    |\n| ---- | ----- |\n| H100 | 80 GB |',
    out: '| 型号 | 显存  |\n| ---- | ----- |\n| H100 | 80 GB |',
  },
  // Centre and right alignment are kept; rows that line up already stay as written.
  {
    in: '| 平台 | 价格 |\n| :----: | ------: |\n| RunPod | $2.49   |',
    out: '|  平台  |    价格 |\n| :----: | ------: |\n| RunPod | $2.49   |',
  },
  { in: '| 平台   | 价格       |\n| :----: | ---------: |\n| RunPod | $2.49/小时 |' },
  { in: '| 型号 | 显存 |\n|---|---|\n| H100 | 80 GB |' },
  { in: '| 型号 | 显存  |\n| ---- | ----- |\n| H100 | 80 GB |' },
  // The cells do not fit the delimiter row: reported, but fix-all leaves the delimiter row alone.
  { in: '| 模型     | 显存     |\n|----------|----------|\n| 通义千问大模型 | 24 GB    |', reportOnly: true },
  // Ambiguous-width characters: “” count as two columns with ambiguousWidth 2.
  { in: '| 名称     | 说明 |\n| -------- | ---- |\n| “引号”   | 好   |', typography: { ambiguousWidth: 1 } },
]);
