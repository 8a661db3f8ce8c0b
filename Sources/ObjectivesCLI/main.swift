import Foundation

// The `objectives` command-line tool. See Docs/CLI.md.
exit(Tool.main(Array(CommandLine.arguments.dropFirst())))
