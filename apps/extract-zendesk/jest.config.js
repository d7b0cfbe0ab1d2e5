module.exports = {
  displayName: 'extract-zendesk',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
