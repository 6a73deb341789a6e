enum CacheAsideCheckTestingPlaceholder {}
