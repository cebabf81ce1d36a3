import {describe, expect, it} from 'vitest'
import {outputFormats} from '../../../../src/build.js'
import {outputFormats as commandFormats} from '../../../../src/cli/commands/build.js'

describe('paiban build', () => {
  it('offers the formats the build makes (kept apart so that the CLI starts without loading the build)', () => {
    expect(commandFormats).toEqual(outputFormats)
  })
})
