module.exports = {
  displayName: 'extract-partner-files',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
