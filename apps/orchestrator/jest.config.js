module.exports = {
  displayName: 'orchestrator',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
