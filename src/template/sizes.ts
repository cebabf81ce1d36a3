/**
 * Chinese type sizes (字号) in points; GB/T 148 and common practice.
 * Apart from the schema (schema.ts) so that what only needs the numbers
 * (resolve.ts, the writers) does not load the validator.
 */
export const chineseSizes = {
  初号: 42,
  小初: 36,
  一号: 26,
  小一: 24,
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
  小五: 9,
  六号: 7.5,
  小六: 6.5
} as const

export type ChineseSizeName = keyof typeof chineseSizes
