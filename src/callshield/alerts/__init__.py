"""Alert delivery (EDGE): alert payloads, webhook signing, syslog/CEF, and the outbox worker.

Alerts are written to the `outbox` table in the same transaction as the event that caused
them (`callshield.store.incidents.record_decision`), and delivered at least once by
`callshield.alerts.worker`, so an alert is never lost when a receiver is down.
"""
