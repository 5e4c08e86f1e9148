import FunnelUI
import Testing

@Suite("Size and Rect")
struct GeometryTests {
    @Test("negative sizes clamp to zero")
    func clamp() {
        #expect(Size(width: -3, height: 2) == Size(width: 0, height: 2))
        #expect(Rect(x: 1, y: 1, width: -1, height: -5).isEmpty)
    }

    @Test("inset and its clamping")
    func inset() {
        let r = Rect(x: 2, y: 3, width: 10, height: 6)
        #expect(r.inset(by: 1) == Rect(x: 3, y: 4, width: 8, height: 4))
        #expect(r.inset(top: 2, left: 0, bottom: 1, right: 4) == Rect(x: 2, y: 5, width: 6, height: 3))
        #expect(r.inset(by: 10).isEmpty)
        #expect(r.maxX == 12 && r.maxY == 9)
    }

    @Test("columns share the width, spare cells to the left, gaps respected")
    func columns() {
        let r = Rect(x: 0, y: 1, width: 80, height: 20)
        let five = r.columns(5, gap: 1)
        #expect(five.map(\.width) == [16, 15, 15, 15, 15])
        #expect(five.map(\.x) == [0, 17, 33, 49, 65])
        #expect(five.last!.maxX == 80)
        #expect(five.allSatisfy { $0.y == 1 && $0.height == 20 })
        #expect(r.columns(0).isEmpty)
        #expect(Rect(x: 0, y: 0, width: 3, height: 1).columns(5, gap: 1).allSatisfy { $0.maxX <= 3 || $0.width == 0 })
        let rows = r.rows(3)
        #expect(rows.map(\.height) == [7, 7, 6])
        #expect(rows.map(\.y) == [1, 8, 15])
    }

    @Test("splits")
    func splits() {
        let r = Rect(x: 0, y: 0, width: 10, height: 5)
        let (top, rest) = r.splitTop(1)
        #expect(top == Rect(x: 0, y: 0, width: 10, height: 1))
        #expect(rest == Rect(x: 0, y: 1, width: 10, height: 4))
        let (above, bottom) = r.splitBottom(2)
        #expect(above.height == 3 && bottom == Rect(x: 0, y: 3, width: 10, height: 2))
        let (left, right) = r.splitLeft(3)
        #expect(left.width == 3 && right == Rect(x: 3, y: 0, width: 7, height: 5))
        let (main, side) = r.splitRight(20)
        #expect(main.isEmpty && side == r)
    }

    @Test("intersection and contains")
    func intersection() {
        let a = Rect(x: 0, y: 0, width: 10, height: 10)
        #expect(a.intersection(Rect(x: 5, y: 5, width: 10, height: 10)) == Rect(x: 5, y: 5, width: 5, height: 5))
        #expect(a.intersection(Rect(x: 20, y: 0, width: 1, height: 1)).isEmpty)
        #expect(a.contains(x: 9, y: 0) && !a.contains(x: 10, y: 0))
    }
}
