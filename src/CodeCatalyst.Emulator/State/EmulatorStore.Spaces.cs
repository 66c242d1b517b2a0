namespace CodeCatalyst.Emulator.State;

internal sealed record SpaceView(string Name, string RegionName, string? DisplayName, string? Description);

internal sealed record SubscriptionView(
    string SpaceName,
    string? SubscriptionType,
    string? AwsAccountName,
    string? PendingSubscriptionType,
    DateTimeOffset? PendingSubscriptionStartTime);

internal sealed partial class EmulatorStore
{
    public SpaceView GetSpace(string spaceName)
    {
        lock (gate)
        {
            return ToView(FindSpace(spaceName));
        }
    }

    /// <summary>Every space, ordered by name (names are unique, so the name is a paging key).</summary>
    public IReadOnlyList<SpaceView> ListSpaces()
    {
        lock (gate)
        {
            return spaces.OrderBy(space => space.Name, StringComparer.Ordinal).Select(ToView).ToList();
        }
    }

    /// <summary>Changes the description; null leaves it as it is, an empty string clears it.</summary>
    public SpaceView UpdateSpace(string spaceName, string? description, CallerContext? caller = null)
    {
        lock (gate)
        {
            var space = FindSpace(spaceName);
            if (description is not null)
            {
                space.Description = description.Length == 0 ? null : description;
            }

            AppendEvent(space, "UpdateSpace", Now(), caller);
            return ToView(space);
        }
    }

    /// <summary>
    /// Deletes the space and everything in it (projects, repositories, dev environments). Its event log goes with
    /// it, so this is the one action that leaves no entry anyone could read.
    /// </summary>
    public SpaceView DeleteSpace(string spaceName)
    {
        lock (gate)
        {
            var space = FindSpace(spaceName);
            spaces.Remove(space);
            return ToView(space);
        }
    }

    public SubscriptionView GetSubscription(string spaceName)
    {
        lock (gate)
        {
            var space = FindSpace(spaceName);
            var subscription = space.Subscription;
            return new SubscriptionView(
                space.Name,
                subscription.SubscriptionType,
                subscription.AwsAccountName,
                subscription.PendingSubscriptionType,
                subscription.PendingSubscriptionStartTime);
        }
    }

    private static SpaceView ToView(SpaceState space) =>
        new(space.Name, space.RegionName, space.DisplayName, space.Description);
}
