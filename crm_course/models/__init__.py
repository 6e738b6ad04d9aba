"""Models: pure functions, DataFrame in, new DataFrame/Series/number out; no plotting, no printing."""
