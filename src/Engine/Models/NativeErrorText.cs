namespace HndGate.Engine.Models;

/// <summary>
/// The line of a LibTorch or ONNX Runtime error that a user can act on. LibTorch messages carry a C++
/// stack trace after the first line; TorchScript interpreter errors put the cause on their last
/// <c>RuntimeError:</c> line, after two tracebacks.
/// </summary>
public static class NativeErrorText
{
    public static string Summary(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        const string cause = "RuntimeError: ";
        var last = lines.LastOrDefault(l => l.StartsWith(cause, StringComparison.Ordinal));
        if (last is not null)
        {
            return last[cause.Length..];
        }

        return lines.Length > 0 ? lines[0] : message;
    }
}
