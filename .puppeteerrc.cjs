// Puppeteer downloads its own Chrome on `npm ci` unless a browser is already
// here: paiban then uses the system's (Debian's chromium, Google Chrome), and
// machines whose network cannot reach the download host still install.
// Find order at run time: src/write/pdf/browser.ts.
const {existsSync} = require('node:fs')
const path = require('node:path')

const candidates = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']
const onPath = (command) =>
  (process.env.PATH || '').split(path.delimiter).some((directory) => directory && existsSync(path.join(directory, command)))
const systemBrowser = Boolean(process.env.PUPPETEER_EXECUTABLE_PATH) || candidates.some(onPath)

/** @type {import('puppeteer').Configuration} */
module.exports = {
  skipDownload: systemBrowser || process.env.PUPPETEER_SKIP_DOWNLOAD === '1'
}
