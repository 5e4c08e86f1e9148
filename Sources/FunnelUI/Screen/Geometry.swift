/// A size in terminal cells. Negative values are clamped to zero so layout code can subtract
/// freely without producing impossible grids.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public static let zero = Size(width: 0, height: 0)

    public var description: String { "\(width)×\(height)" }
}

/// A rectangle of cells. Width and height never go negative: every helper clamps, so a layout
/// computed for a terminal that is too small yields empty rects instead of crashing.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The rect covering a whole grid of `size`.
    public init(_ size: Size) {
        self.init(x: 0, y: 0, width: size.width, height: size.height)
    }

    public var size: Size { Size(width: width, height: height) }
    /// One past the last column.
    public var maxX: Int { x + width }
    /// One past the last row.
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// The overlap of two rects (empty, at `self`'s origin, when they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        guard right > left, bottom > top else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Shrinks by `n` cells on every side.
    public func inset(by n: Int) -> Rect {
        inset(top: n, left: n, bottom: n, right: n)
    }

    /// Shrinks by the given margins (clamped so the result is never negative).
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        let w = max(0, width - left - right), h = max(0, height - top - bottom)
        return Rect(x: x + min(left, width), y: y + min(top, height), width: w, height: h)
    }

    /// Cuts `rows` rows off the top: (top part, the rest).
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let h = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: h),
                Rect(x: x, y: y + h, width: width, height: height - h))
    }

    /// Cuts `rows` rows off the bottom: (the rest, bottom part).
    public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let h = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: height - h),
                Rect(x: x, y: maxY - h, width: width, height: h))
    }

    /// Cuts `columns` columns off the left: (left part, the rest).
    public func splitLeft(_ columns: Int) -> (left: Rect, rest: Rect) {
        let w = min(max(0, columns), width)
        return (Rect(x: x, y: y, width: w, height: height),
                Rect(x: x + w, y: y, width: width - w, height: height))
    }

    /// Cuts `columns` columns off the right: (the rest, right part).
    public func splitRight(_ columns: Int) -> (rest: Rect, right: Rect) {
        let w = min(max(0, columns), width)
        return (Rect(x: x, y: y, width: width - w, height: height),
                Rect(x: maxX - w, y: y, width: w, height: height))
    }

    /// `count` side-by-side columns separated by `gap` cells. Widths differ by at most one;
    /// the leftmost columns get the spare cells, so the total always equals `width`.
    public func columns(_ count: Int, gap: Int = 0) -> [Rect] {
        Rect.divide(total: width, count: count, gap: gap).map {
            Rect(x: x + $0.offset, y: y, width: $0.length, height: height)
        }
    }

    /// `count` stacked rows separated by `gap` cells, sized like `columns(_:gap:)`.
    public func rows(_ count: Int, gap: Int = 0) -> [Rect] {
        Rect.divide(total: height, count: count, gap: gap).map {
            Rect(x: x, y: y + $0.offset, width: width, height: $0.length)
        }
    }

    private static func divide(total: Int, count: Int, gap: Int) -> [(offset: Int, length: Int)] {
        guard count > 0 else { return [] }
        let gap = max(0, gap)
        let usable = max(0, total - gap * (count - 1))
        let base = usable / count, extra = usable % count
        var result: [(offset: Int, length: Int)] = []
        var offset = 0
        for i in 0..<count {
            let length = base + (i < extra ? 1 : 0)
            result.append((min(offset, total), length))
            offset += length + gap
        }
        return result
    }

    public var description: String { "(\(x),\(y) \(width)×\(height))" }
}
