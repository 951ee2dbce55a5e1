winnow state info missing.state
