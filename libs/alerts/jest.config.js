module.exports = {
  displayName: 'alerts',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
