export function startServer(_: string) {}
