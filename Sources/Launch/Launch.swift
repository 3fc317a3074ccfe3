// Launch module.
