module.exports = {
  displayName: 'extract',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
