// Puppeteer (through mermaid-cli) must not download a browser: there is no
// network for it. Rendering uses a system Chromium (Debian: apt-get install chromium).
const { existsSync } = require('node:fs')

const candidates = [process.env.PUPPETEER_EXECUTABLE_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

module.exports = {
  skipDownload: true,
  executablePath: candidates.find((p) => p && existsSync(p)),
}
