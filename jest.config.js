const { getJestProjectsAsync } = require('@nx/jest');

module.exports = async () => ({
  projects: await getJestProjectsAsync(),
  // Global options: Jest ignores them inside a project's config.
  testTimeout: 60_000,
});
