module.exports = {
  displayName: 'docker',
  preset: '../jest.preset.js',
  rootDir: '.',
};
