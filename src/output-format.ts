/**
 * The outputs a build makes, in a module of their own: the command line
 * offers them without loading the build.
 */
export const outputFormats = ['pdf', 'docx', 'html'] as const
export type OutputFormat = (typeof outputFormats)[number]
