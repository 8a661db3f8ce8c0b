import Dispatch
import Foundation
import Synchronization

/// Removes the command's partial output files when the process is interrupted (SIGINT) or asked to
/// terminate (SIGTERM), then ends the process by the same signal with its default action, so the
/// exit status still says which signal ended it (130 or 143 in a shell).
///
/// The signals are received by Dispatch signal sources (their default action is set aside while
/// the handlers are installed), so the removal runs as ordinary code on a Dispatch queue and never
/// inside an asynchronous signal handler.
final class InterruptCleanup: Sendable {
  static let shared = InterruptCleanup()

  /// The signals that remove the registered files.
  static let signals: [Int32] = [SIGINT, SIGTERM]

  private let paths = Mutex<[String]>([])
  private let sources = Mutex<[any DispatchSourceSignal]>([])

  /// Registers `path` for removal on interruption, installing the handlers on first use.
  func register(_ path: String) {
    installIfNeeded()
    paths.withLock { $0.append(path) }
  }

  /// Forgets `path` (written under its final name, or already removed).
  func unregister(_ path: String) {
    paths.withLock { list in
      if let i = list.lastIndex(of: path) { list.remove(at: i) }
    }
  }

  private func installIfNeeded() {
    sources.withLock { installed in
      guard installed.isEmpty else { return }
      for number in InterruptCleanup.signals {
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { InterruptCleanup.shared.interrupted(by: number) }
        source.resume()
        installed.append(source)
      }
    }
  }

  /// Removes every registered file, then ends the process by `number` with its default action.
  private func interrupted(by number: Int32) {
    // The lock stays held until the process ends, so no new partial file is registered (and
    // created) after the removal.
    paths.withLock { list in
      for path in list { _ = unlink(path) }
      // The default action, delivered to this thread with the signal unblocked here (a parent may
      // have started the process with it blocked), ends the process as the signal would have.
      signal(number, SIG_DFL)
      var set = sigset_t()
      sigemptyset(&set)
      sigaddset(&set, number)
      pthread_sigmask(SIG_UNBLOCK, &set, nil)
      raise(number)
    }
  }
}
