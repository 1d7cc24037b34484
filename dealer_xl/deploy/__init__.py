"""Getting dealer_xl onto an office PC and keeping it healthy: the offline bundle, its install
scripts, ``doctor`` and the scheduler registered as a per-user service."""
