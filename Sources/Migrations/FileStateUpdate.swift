import LintCore

extension FileState {
    /// Records the columns and primary key of a CREATE TABLE.
    static func record(_ ct: CreateTableInfo, view v: StatementView, into facts: inout TableFacts) {
        for c in ct.columns {
            facts.columnTypes[c.name] = v.typeWords(c.typeRange).words
            if v.findSequence(["PRIMARY", "KEY"], from: c.constraintRange.lowerBound, to: c.constraintRange.upperBound) != nil {
                facts.primaryKey = c.name
            }
        }
        for e in ct.constraints {
            if let pk = singlePrimaryKeyColumn(v, e.range) { facts.primaryKey = pk }
        }
    }

    /// `[CONSTRAINT n] PRIMARY KEY (col)` with exactly one column → col.
    static func singlePrimaryKeyColumn(_ v: StatementView, _ r: Range<Int>) -> String? {
        guard let p = v.findSequence(["PRIMARY", "KEY"], from: r.lowerBound, to: r.upperBound), v.isPunct(p + 2, "("),
              v.closingParen(p + 2) == p + 4 else { return nil }
        return v.toks[p + 3].identifierName
    }

    /// Updates the state with what statement `s` establishes.
    mutating func apply(_ s: StatementContext) {
        let v = s.view
        if LockTimeoutRule.isLockingDDL(s), !lockTimeoutSet { lockTimeoutReported = true }
        if LockTimeoutRule.setsLockTimeout(v) { lockTimeoutSet = true }
        if let ct = s.createTable {
            createdTables.insert(ct.name)
            var facts = TableFacts()
            FileState.record(ct, view: v, into: &facts)
            tables[ct.name] = facts
        }
        if let ci = s.createIndex, let name = ci.name { createdIndexes.insert(name) }
        if let (label, i) = EnumValueUsedInTransactionRule.addedValue(v) {
            enumValuesAdded[label] = (s.segment, s.line(ofToken: i))
        }
        guard let at = s.alterTable else { return }
        for a in at.actions {
            let r = a.range
            switch a.kind {
            case .addColumn:
                if let c = a.column { tables[at.name, default: TableFacts()].columnTypes[c.name] = v.typeWords(c.typeRange).words }
            case .addConstraint:
                let name = v.kw(r.lowerBound + 1) == "CONSTRAINT" && r.lowerBound + 2 < r.upperBound ? v.toks[r.lowerBound + 2].identifierName : nil
                let notValid = v.findSequence(["NOT", "VALID"], from: r.lowerBound, to: r.upperBound) != nil
                if let name, notValid { notValidConstraints[name] = s.segment }
                if let pk = FileState.singlePrimaryKeyColumn(v, r) { tables[at.name, default: TableFacts()].primaryKey = pk }
                // CHECK (col IS NOT NULL)
                if let c = v.find("CHECK", from: r.lowerBound, to: r.upperBound), v.isPunct(c + 1, "("),
                   let col = c + 2 < v.count ? v.toks[c + 2].identifierName : nil,
                   v.matches(["IS", "NOT", "NULL"], at: c + 3), v.isPunct(c + 6, ")") {
                    let key = "\(at.name).\(col)"
                    if notValid { if let name { notNullChecks[name] = key } } else { validatedNotNull.insert(key) }
                }
            case .validateConstraint:
                if let name = a.columnName, let key = notNullChecks[name] { validatedNotNull.insert(key) }
            default:
                break
            }
        }
    }
}
