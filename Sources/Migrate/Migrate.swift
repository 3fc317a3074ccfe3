// Migrate module.
