using System;
using System.Net;
using System.Net.Http.Headers;

namespace CodeCatalyst.Core.Http
{
    /// <summary>
    /// The AWS SDKs' "standard" retry mode: a bounded number of attempts, capped exponential backoff with full
    /// jitter, and the server's Retry-After when it gives one.
    /// </summary>
    internal sealed class RetryPolicy
    {
        public const int DefaultMaxAttempts = 3;
        private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(20);
        private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

        private readonly object _jitterLock = new object();

        // Made at the first retry: seeding a Random reads the OS's random source, a cost most calls never need.
        private Random? _jitter;

        public RetryPolicy(int maxAttempts, TimeSpan baseDelay)
        {
            if (maxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(maxAttempts));
            MaxAttempts = maxAttempts;
            BaseDelay = baseDelay;
        }

        public int MaxAttempts { get; }
        public TimeSpan BaseDelay { get; }

        public static bool IsRetryableStatus(HttpStatusCode status)
        {
            var code = (int)status;
            return code == 429 || code == 500 || code == 502 || code == 503 || code == 504;
        }

        /// <summary>How long to wait before attempt <paramref name="nextAttempt"/> (2 for the first retry).</summary>
        public TimeSpan DelayBefore(int nextAttempt, RetryConditionHeaderValue? retryAfter)
        {
            var serverDelay = ServerDelay(retryAfter);
            if (serverDelay.HasValue) return serverDelay.Value;

            double fraction;
            lock (_jitterLock) fraction = (_jitter ??= new Random()).NextDouble();
            var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, nextAttempt - 2);
            return TimeSpan.FromMilliseconds(fraction * Math.Min(exponential, MaxBackoff.TotalMilliseconds));
        }

        private static TimeSpan? ServerDelay(RetryConditionHeaderValue? retryAfter)
        {
            if (retryAfter == null) return null;
            TimeSpan? delay = retryAfter.Delta;
            if (!delay.HasValue && retryAfter.Date.HasValue) delay = retryAfter.Date.Value - DateTimeOffset.UtcNow;
            if (!delay.HasValue) return null;
            if (delay.Value < TimeSpan.Zero) return TimeSpan.Zero;
            return delay.Value > MaxRetryAfter ? MaxRetryAfter : delay.Value;
        }
    }
}
