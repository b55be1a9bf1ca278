// Errors that carry a message meant for the user as it is (a bad argument, a missing file): front ends print the
// message without a stack trace and exit with the usage code.

export class UsageError extends Error {}
