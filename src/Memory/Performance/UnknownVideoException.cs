namespace AiVideo.Memory.Performance;

/// <summary>Metrics name a video the ledger has never seen and carry no details to register it.</summary>
public sealed class UnknownVideoException(string platform, string externalId)
    : Exception($"unknown video {platform}/{externalId}: it was not published by AiVideo; give its channel, title, hook and posted time to register it")
{
    public string Platform { get; } = platform;
    public string ExternalId { get; } = externalId;
}
