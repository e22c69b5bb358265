"""The REST API: thin views. Validate with a serializer, call a service or a selector, answer.

One module per area; urls.py names the views.
"""
