"""Pages an extra app would add under /projects/<project>/ (empty: the test only checks that it is included)."""

app_name = "registry_extension"
urlpatterns: list = []
