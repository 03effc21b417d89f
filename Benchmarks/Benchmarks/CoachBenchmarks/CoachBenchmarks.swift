import Benchmark
import CHeap
import CoachKit
import CoachKnowledge
import Foundation

/// The sizes measured, as multiples of the shipped knowledge.
let scales = [1, 10, 100]

/// Bytes the allocator holds for the program right now (small blocks plus mmapped ones).
func heapInUse() -> Int { Int(cheap_heap_in_use()) }

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
    timeUnits: .microseconds,
    warmupIterations: 20,
    maxDuration: .seconds(3),
    maxIterations: 20_000
  )

  // What `coach` does at start-up: read back the snapshot made when the binary was built.
  Benchmark("load table 1x: Coach.load() from the embedded snapshot", configuration: .init(maxIterations: 2_000)) { benchmark in
    for _ in benchmark.scaledIterations {
      do {
        blackHole(try Coach.load())
      } catch {
        fatalError("\(error)")
      }
    }
  }

  // What the build does once, and `coach` at start-up when --knowledge adds folders.
  Benchmark("build table 1x: IntentTable.embedded() + Matcher(table:)", configuration: .init(maxIterations: 300)) { benchmark in
    for _ in benchmark.scaledIterations {
      do {
        blackHole(Matcher(table: try IntentTable.embedded()))
      } catch {
        fatalError("\(error)")
      }
    }
  }

  for scale in scales {
    if scale > 1 {
      Benchmark(
        "build table \(scale)x: IntentTable(files:) + Matcher(table:)",
        configuration: .init(timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(60), maxIterations: 20)
      ) { benchmark, files in
        for _ in benchmark.scaledIterations {
          blackHole(Matcher(table: Workload.table(files), settings: Workload.settings(scale: scale)))
        }
      } setup: {
        SyntheticKnowledge.files(scale: scale)
      }
    }

    if scale > 1 {
      Benchmark(
        "load table \(scale)x: Coach(snapshot:) of a snapshot made at this size",
        configuration: .init(timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(30), maxIterations: 50)
      ) { benchmark, snapshot in
        for _ in benchmark.scaledIterations {
          snapshot.withUnsafeBufferPointer { blackHole(Coach(snapshot: $0, settings: Workload.settings(scale: scale))) }
        }
      } setup: {
        Coach(table: Workload.table(SyntheticKnowledge.files(scale: scale)), settings: Workload.settings(scale: scale)).snapshot()
      }
    }

    Benchmark(
      "table memory \(scale)x",
      configuration: .init(
        metrics: [.custom("heap held by table + matcher (bytes)", useScalingFactor: false)],
        warmupIterations: 0, maxDuration: .seconds(60), maxIterations: 3)
    ) { benchmark, files in
      let before = heapInUse()
      let matcher = Matcher(table: Workload.table(files), settings: Workload.settings(scale: scale))
      benchmark.measurement(.custom("heap held by table + matcher (bytes)", useScalingFactor: false), heapInUse() - before)
      blackHole(matcher)
    } setup: {
      SyntheticKnowledge.files(scale: scale)
    }

    Benchmark("screen and risk classifier \(scale)x") { benchmark, workload in
      let input = workload.nextInput()
      benchmark.startMeasurement()
      blackHole(workload.matcher.screenForRisk(input))
      benchmark.stopMeasurement()
    } setup: {
      Workload(scale: scale)
    }

    Benchmark("match \(scale)x") { benchmark, workload in
      let input = workload.nextInput()
      benchmark.startMeasurement()
      blackHole(workload.matcher.match(input))
      benchmark.stopMeasurement()
    } setup: {
      Workload(scale: scale)
    }

    Benchmark("answer as text \(scale)x") { benchmark, workload in
      let input = workload.nextInput()
      let renderer = TextRenderer(width: 80)
      benchmark.startMeasurement()
      let reply = Reply(input: input, match: workload.matcher.match(input), table: workload.table, context: ClientContext().updated(with: input))
      blackHole(renderer.render(reply))
      benchmark.stopMeasurement()
    } setup: {
      Workload(scale: scale)
    }

    Benchmark("answer as JSON \(scale)x") { benchmark, workload in
      let input = workload.nextInput()
      benchmark.startMeasurement()
      let reply = Reply(input: input, match: workload.matcher.match(input), table: workload.table, context: ClientContext().updated(with: input))
      blackHole(JSONRenderer.line(reply))
      benchmark.stopMeasurement()
    } setup: {
      Workload(scale: scale)
    }
  }
}
