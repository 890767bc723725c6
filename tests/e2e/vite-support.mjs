// Vite 8 (and Rolldown under it) runs on Node.js ^20.19.0 || >=22.12.0; the package and the
// rest of the tests need only 20.11. Below Vite's range its tests skip, saying why.
const [major, minor] = process.versions.node.split('.').map(Number);
export const viteSkip =
  (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22
    ? false
    : `Vite 8 needs Node.js ^20.19.0 || >=22.12.0 (this is ${process.versions.node})`;
