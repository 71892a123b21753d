/** Which fields of events and snapshots are personal and whose they are: the event store encrypts them per person (crypto-shredding). */
package dev.tally.api.privacy;
