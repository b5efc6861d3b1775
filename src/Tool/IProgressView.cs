using HndGate.Engine.Dissection;

namespace HndGate.Tool;

/// <summary>
/// How a long command shows its progress on standard error. Reports may come from several threads at once.
/// Disposing ends an unfinished line, so that a message printed after it starts on a line of its own.
/// </summary>
internal interface IProgressView : IProgress<DissectionProgress>, IDisposable;
