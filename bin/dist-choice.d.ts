/** Whether the package at `root` (a path ending in /) has a current build in dist/, and why (or why not). */
export function distChoice(root: string): { dist: boolean; why: string };
