namespace HndGate.Engine.Models.Weights;

/// <summary>
/// Finds the state_dict in an unpickled checkpoint: the top-level dict of tensors, or the one a training
/// checkpoint keeps under "state_dict", "model_state_dict" or "model" (next to epoch, optimizer, …).
/// </summary>
internal static class CheckpointContents
{
    private static readonly string[] NestedKeys = ["state_dict", "model_state_dict", "model"];

    public static (IReadOnlyList<KeyValuePair<string, PickledTensor>> Entries, string? NestedKey) Select(object? top, string file)
    {
        string? nestedKey = null;
        var current = top;
        for (var depth = 0; depth < 3 && current is PickledDictionary dictionary; depth++)
        {
            var key = NestedKeys.FirstOrDefault(k => dictionary.Items.TryGetValue(k, out var v) && v is PickledDictionary);
            if (key is null)
            {
                break;
            }

            nestedKey = nestedKey is null ? key : $"{nestedKey}/{key}";
            current = dictionary.Items[key];
        }

        if (current is not PickledDictionary found)
        {
            throw new HndGateInputException(
                $"the checkpoint holds {Describe(current)}, not a dict of tensors: save the weights with torch.save(model.state_dict(), path)", file);
        }

        var entries = found.Items
            .Where(kv => kv.Key is string && kv.Value is PickledTensor)
            .Select(kv => KeyValuePair.Create((string)kv.Key, (PickledTensor)kv.Value!))
            .ToList();
        if (entries.Count == 0)
        {
            var keys = string.Join(", ", found.Items.Take(10).Select(kv => $"'{kv.Key}' ({Describe(kv.Value)})"));
            throw new HndGateInputException(
                $"the checkpoint has no tensors at its top level nor under 'state_dict', 'model_state_dict' or 'model' (it holds {keys}): save the weights with torch.save(model.state_dict(), path)",
                file);
        }

        return (entries, nestedKey);
    }

    /// <summary>Every storage the checkpoint's tensors use, anywhere in it (a legacy file stores them all in one run).</summary>
    public static IEnumerable<PickledStorage> Storages(object? top)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object?>([top]);
        while (pending.Count > 0)
        {
            var value = pending.Pop();
            if (value is null || !visited.Add(value))
            {
                continue;
            }

            switch (value)
            {
                case PickledTensor tensor:
                    yield return tensor.Storage;
                    break;
                case PickledDictionary dictionary:
                    foreach (var item in dictionary.Items.Values)
                    {
                        pending.Push(item);
                    }

                    break;
                case IEnumerable<object?> items:
                    foreach (var item in items)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "None",
        PickledTensor => "a tensor",
        PickledDictionary => "a dict",
        List<object?> => "a list",
        object?[] => "a tuple",
        string => "a string",
        _ => "a number",
    };
}
