module.exports = {
  displayName: 'run-report',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
