from django.apps import AppConfig


class RegistryExtensionConfig(AppConfig):
    name = "tests.registry_extension"
    label = "registry_extension"
