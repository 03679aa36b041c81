"""vault layer: the keys. Key slots (passphrase + recovery key), the OS keychain, unlock back-off.

Nothing here touches the database; `store` opens it with the raw key this layer unwraps.
"""
