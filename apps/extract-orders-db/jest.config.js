module.exports = {
  displayName: 'extract-orders-db',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
