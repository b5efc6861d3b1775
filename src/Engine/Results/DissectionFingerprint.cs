namespace HndGate.Engine.Results;

/// <summary>
/// What a result was made from, so that two results are only compared when they are comparable (R9):
/// the model (hash of its card and weights, or of the activation files), the dictionary's content hash,
/// every option, the tool version and the device.
/// </summary>
/// <param name="ModelHash">"sha256:…" of the model card and its weights file, or of the activation files.</param>
/// <param name="Model">How the model was given: architecture name, or "activations".</param>
/// <param name="DictionaryHash">The dictionary's content hash.</param>
/// <param name="Device">"cpu", "cuda:0", …: results may differ across devices in the last digits (R9).</param>
/// <param name="Options">Every option that shaped the result, name → value as text, sorted by name.</param>
public sealed record DissectionFingerprint(
    string ToolVersion,
    string ModelHash,
    string Model,
    string DictionaryHash,
    string Device,
    IReadOnlyList<KeyValuePair<string, string>> Options);
