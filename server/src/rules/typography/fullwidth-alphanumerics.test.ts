// typography/fullwidth-alphanumerics: fixture cases (input → after fix-all with this rule alone, then with spacing).
import { typographyCases } from '../../testing/typography-cases';

typographyCases('typography/fullwidth-alphanumerics', [
  { in: '显存为 ２４ GB', out: '显存为 24 GB' },
  { in: '使用 ＲＴＸ ４０９０ 显卡', out: '使用 RTX 4090 显卡' },
  { in: '使用ＲＴＸ４０９０显卡', out: '使用 RTX4090 显卡', with: ['typography/cjk-latin-spacing'] },
  { in: '第１步：安装', out: '第 1 步：安装', with: ['typography/cjk-latin-spacing'] },
  { in: '使用 RTX 4090 显卡' },
  { in: '运行 `ｅｃｈｏ` 看看' },
]);
