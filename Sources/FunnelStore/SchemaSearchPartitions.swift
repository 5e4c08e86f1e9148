import GRDB

/// v9: the search index split by candidate id into partitions of 32,768 ids (`SearchIndex`), so
/// that an erasure rewrites one partition instead of the whole index, each with its vocabulary
/// table (`…_terms`) for expanding long prefixes.
///
/// The documents at ids 32,768 and up move out of `candidate_search` into their partitions, copied
/// from its content table (they are not rebuilt from the candidates: the text is the same), and
/// `candidate_search` is rebuilt with the rest: a new table filled with ids below 32,768 takes
/// its place (dropped with `secure_delete` on, so the old index pages are zeroed). On a store
/// with no id above 32,767 (every store of up to 32,767 candidates) only the vocabulary table is
/// added. One transaction, like every migration.
extension Schema {
    static let searchPartitionMigrationName = "v9: search index partitioned by candidate id"

    static func registerSearchPartitionMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration(searchPartitionMigrationName) { db in
            try partitionSearch(db)
        }
    }

    static func partitionSearch(_ db: Database) throws {
        let size = SearchIndex.partitionSize
        let numbers = try Int64.fetchAll(db, sql: """
            SELECT DISTINCT id / ? FROM candidate_search_content WHERE id >= ? ORDER BY 1
            """, arguments: [size, size])
        let negative = try Bool.fetchOne(db, sql: "SELECT 1 FROM candidate_search_content WHERE id < 0 LIMIT 1") ?? false
        if !numbers.isEmpty || negative {
            for number in numbers {
                let partition = SearchIndex.Partition(number: number)
                try SearchIndex.create(db, partition)
                try db.execute(sql: """
                    INSERT INTO \(partition.table) (rowid, body)
                    SELECT id, c0 FROM candidate_search_content WHERE id BETWEEN ? AND ? ORDER BY id
                    """, arguments: [partition.firstID, partition.lastID])
            }
            // Ids below zero (never written by Funnel, but possible in a hand-edited file) too.
            let below = try Int64.fetchAll(db, sql: "SELECT id FROM candidate_search_content WHERE id < 0 ORDER BY id")
            for id in below {
                let body = try String.fetchOne(db, sql: "SELECT c0 FROM candidate_search_content WHERE id = ?", arguments: [id]) ?? ""
                try SearchIndex.insert(db, id: id, body: body)
            }
            try db.execute(sql: """
                CREATE VIRTUAL TABLE candidate_search_v9 USING fts5(body, \(SearchIndex.options));
                INSERT INTO candidate_search_v9 (rowid, body)
                    SELECT id, c0 FROM candidate_search_content WHERE id BETWEEN 0 AND ? ORDER BY id;
                DROP TABLE candidate_search;
                ALTER TABLE candidate_search_v9 RENAME TO candidate_search;
                """, arguments: [size - 1])
        }
        try SearchIndex.create(db, SearchIndex.Partition(number: 0))
    }
}
