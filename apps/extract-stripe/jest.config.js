module.exports = {
  displayName: 'extract-stripe',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
