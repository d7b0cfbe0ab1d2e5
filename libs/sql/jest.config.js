module.exports = {
  displayName: 'sql',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
