using System.Threading.Channels;

namespace HndGate.Engine.Imaging;

/// <summary>
/// Decodes batches of image files ahead of the model (R1.1): a producer decodes the next batches on all
/// cores while the consumer runs the current one. At most <c>prefetch</c> batches wait decoded in memory.
/// Batches come out in the order of the paths.
/// </summary>
public sealed class ImageBatchReader
{
    private readonly ImageFileDecoder _decoder;
    private readonly int _prefetch;

    public ImageBatchReader(ImageFileDecoder decoder, int prefetch = 2)
    {
        _decoder = decoder;
        _prefetch = Math.Max(1, prefetch);
    }

    /// <param name="root">The folder the relative paths are under.</param>
    /// <param name="paths">Paths relative to <paramref name="root"/>, in the order the batches must follow.</param>
    public IEnumerable<IReadOnlyList<DecodedImage>> Read(string root, IReadOnlyList<string> paths, int batchSize, CancellationToken cancel = default)
    {
        var channel = Channel.CreateBounded<IReadOnlyList<DecodedImage>>(new BoundedChannelOptions(_prefetch)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    for (var first = 0; first < paths.Count; first += batchSize)
                    {
                        var count = Math.Min(batchSize, paths.Count - first);
                        var batch = OrderedParallel.Map(count, i => Decode(root, paths[first + i]), stop.Token);
                        await channel.Writer.WriteAsync(batch, stop.Token).ConfigureAwait(false);
                    }

                    channel.Writer.Complete();
                }
                catch (Exception e)
                {
                    channel.Writer.Complete(e);
                }
            },
            stop.Token);

        try
        {
            while (true)
            {
                if (!channel.Reader.WaitToReadAsync(cancel).AsTask().GetAwaiter().GetResult())
                {
                    break;
                }

                yield return channel.Reader.ReadAsync(cancel).AsTask().GetAwaiter().GetResult();
            }
        }
        finally
        {
            stop.Cancel();
            try
            {
                producer.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // The consumer stopped early: the producer's cancellation is expected.
            }
        }
    }

    private DecodedImage Decode(string root, string relative)
    {
        using var image = _decoder.DecodeRgb(Path.Combine(root, relative), relative);
        var rgb = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(rgb);
        return new DecodedImage(image.Width, image.Height, rgb);
    }
}
