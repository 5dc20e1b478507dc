using Microsoft.Extensions.VectorData;

namespace AiVideo.Memory.VectorData;

/// <summary>
/// What AiVideo's stores take from a <see cref="VectorStoreCollectionDefinition"/>: record layout comes from the record
/// type's attributes; a definition may only carry the one vector property, to set its dimensions (when the embedder
/// decides them at run time).
/// </summary>
public static class CollectionDefinitions
{
    public static int? VectorDimensions(VectorStoreCollectionDefinition? definition)
    {
        if (definition is null) return null;
        var vectors = definition.Properties.OfType<VectorStoreVectorProperty>().ToList();
        if (vectors.Count != 1 || definition.Properties.Count != 1)
        {
            throw new NotSupportedException("a collection definition may only carry one vector property (to set its dimensions); the rest comes from the record type's attributes");
        }
        return vectors[0].Dimensions;
    }
}
