import {PaibanError} from '../../src/errors.js'

/** The PaibanError `action` throws; any other outcome fails the test. */
export function paibanErrorOf(action: () => unknown): PaibanError {
  try {
    action()
  } catch (error) {
    if (error instanceof PaibanError) return error
    throw error
  }
  throw new Error('expected a PaibanError')
}
