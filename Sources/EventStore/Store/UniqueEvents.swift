import GRDB

/// Keeps `eventid` unique, and completes a store after a first load.
///
/// A first load into an empty store inserts without the unique index, which costs more to keep up row by row than
/// the rest of SQLite's work on the load. Once the rows are in, rows that repeat an earlier row's `eventid` (the same
/// event delivered in two files) are removed here, keeping the first, the files' counts in `ingested_objects` are
/// corrected, the summary tables are built again from the events and the index is built, so the store ends as if
/// every row had been inserted with `INSERT OR IGNORE` against the index. A store without the index is incomplete (a
/// first load running or stopped): readers refuse it.
enum UniqueEvents {
    /// Whether a unique index on `eventid` alone exists (`events_eventid`, or the table's UNIQUE constraint in
    /// stores made before it).
    static func isEnforced(_ db: Database) throws -> Bool {
        let unique = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_list('events') WHERE \"unique\" = 1")
        for name in unique
        where try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?)", arguments: [name]) == ["eventid"] {
            return true
        }
        return false
    }

    /// Whether the unique index is `events_eventid`, which a first load drops and builds again afterwards.
    static func isDroppable(_ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT count(*) > 0 FROM pragma_index_list('events') WHERE name = ?",
            arguments: [EventSchema.eventIDIndex.name]) ?? false
    }

    /// Builds the unique index when it is missing, first removing rows that repeat an earlier row's `eventid` (and then
    /// building the summary tables again); returns how many rows were removed. Runs in the caller's transaction.
    static func enforce(_ db: Database) throws -> Int {
        if try isEnforced(db) { return 0 }
        do {
            try db.execute(sql: EventSchema.eventIDIndex.createStatement)
            return 0
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {}
        try db.execute(
            sql: """
                CREATE TEMP TABLE repeated_events AS
                SELECT id, sourcekey FROM (
                  SELECT rowid AS id, sourcekey, row_number() OVER (PARTITION BY eventid ORDER BY rowid) AS occurrence FROM events
                ) WHERE occurrence > 1
                """)
        let removed = try Int.fetchOne(db, sql: "SELECT count(*) FROM temp.repeated_events") ?? 0
        try db.execute(
            sql: """
                UPDATE ingested_objects
                SET inserted = inserted - (SELECT count(*) FROM temp.repeated_events r WHERE r.sourcekey = ingested_objects.sourcekey)
                WHERE sourcekey IN (SELECT sourcekey FROM temp.repeated_events)
                """)
        try db.execute(sql: "DELETE FROM events WHERE rowid IN (SELECT id FROM temp.repeated_events)")
        try db.execute(sql: "DROP TABLE temp.repeated_events")
        try db.execute(sql: EventSchema.eventIDIndex.createStatement)
        try rebuildSummaries(db)
        return removed
    }

    /// Builds the investigations' summary tables from the events.
    private static func rebuildSummaries(_ db: Database) throws {
        for investigation in InvestigationCatalogue.all {
            guard let rollup = investigation.rollup else { continue }
            try db.execute(sql: "DELETE FROM \(rollup.table)")
            try db.execute(sql: rollup.fillSQL(investigation))
        }
    }
}
