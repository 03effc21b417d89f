/// Where the chat's lines come from: ``LineEditor`` on a terminal, an array of lines in tests.
protocol LineReader {
  /// Reads one line, showing a prompt.
  mutating func read(_ prompt: LinePrompt) -> LineInput
  /// Adds a line to the in-memory history.
  mutating func remember(_ line: String)
  /// Loads saved history from a file, if it exists.
  mutating func loadHistory(from path: String)
  /// Saves the history to a file readable by its owner only; returns whether it worked.
  mutating func saveHistory(to path: String) -> Bool
}

/// Which prompt to show.
enum LinePrompt {
  /// Waiting for a line: `› `.
  case main
  /// Inside a `"""` block: `… `.
  case continuation
}

/// What reading a line gave.
enum LineInput: Equatable {
  /// A line typed and entered.
  case line(String)
  /// A block of several lines pasted at once, to be answered as one message.
  case paste(String)
  /// Ctrl-C: the line was cleared.
  case interrupted
  /// Ctrl-D on an empty line, or the end of input.
  case end
}
