module.exports = {
  displayName: 'terraform',
  preset: '../jest.preset.js',
  rootDir: '.',
};
