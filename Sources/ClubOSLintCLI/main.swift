print("clubos-lint")
